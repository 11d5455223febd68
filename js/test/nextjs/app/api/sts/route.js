// What a real app does with qcloud-cos-sts-sdk; here the emulator's temporary keys.
export async function GET() {
  const now = Math.floor(Date.now() / 1000);
  return Response.json({ TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE', StartTime: now - 5, ExpiredTime: now + 1800 });
}
