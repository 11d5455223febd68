export const metadata = { title: 'cos-ci-wasm on Next.js' };
export default function RootLayout({ children }) {
  return (<html lang="en"><body>{children}</body></html>);
}
