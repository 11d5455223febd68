import { getAuthorization } from 'cos-ci-wasm';

// Signs for the browser: the keys never leave the server.
export async function POST(request) {
  const options = await request.json();
  return new Response(getAuthorization({ ...options, SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE' }));
}
