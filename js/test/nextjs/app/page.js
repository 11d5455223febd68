'use client';
import { useEffect, useState } from 'react';
import { CiClient, fetchTransport } from 'cos-ci-wasm';

const Endpoint = process.env.NEXT_PUBLIC_CI_ENDPOINT;

export default function Page() {
  const [state, setState] = useState('loading');
  const [src, setSrc] = useState();
  useEffect(() => {
    // STS keys from this app's route handler (app/api/sts), as a browser app gets them.
    const sts = new CiClient({
      Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Endpoint, transport: fetchTransport(),
      getCredentials: async () => (await fetch('/api/sts')).json(),
    });
    // Every request signed by this app's server (app/api/sign) with getAuthorization.
    const signed = new CiClient({
      Bucket: 'examplebucket-1250000000', Region: 'ap-guangzhou', Endpoint, transport: fetchTransport(),
      getAuthorization: async (request) => (await fetch('/api/sign', { method: 'POST', body: JSON.stringify(request) })).text(),
    });
    (async () => {
      const queues = await sts.describeDocProcessQueues();
      const ai = await signed.describeAiProcessQueues();
      setSrc(await sts.getDocPreviewUrl({ Key: 'docs/report.docx', Page: 1, DstType: 'png' }));
      setState(`queues:${queues.QueueList.length}:${ai.QueueList.length}`);
    })().catch((e) => setState(`error:${e.code}:${e.message}`));
  }, []);
  return (<main><p id="state">{state}</p>{src ? <img id="page" src={src} alt="page 1" /> : null}</main>);
}
