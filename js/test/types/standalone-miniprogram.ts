// With miniprogram-api-typings (the types of a WeChat mini-program TypeScript project) and
// lib ES2020, no DOM: the global `wx` is a transport's `wx`.
import { CiClient, wxRequestTransport } from 'cos-ci-wasm';

export const ci = new CiClient({
  Bucket: 'examplebucket-1250000000',
  Region: 'ap-guangzhou',
  transport: wxRequestTransport(wx),
  getAuthorization: async (request) => {
    const res = await new Promise<WechatMiniprogram.RequestSuccessCallbackResult>((resolve, reject) =>
      wx.request({ url: 'https://your-server.example.com/sign', method: 'POST', data: request, success: resolve, fail: reject }),
    );
    return String(res.data);
  },
});
