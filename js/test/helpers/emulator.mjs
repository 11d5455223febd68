// Starts the local emulator (cargo-built) on a free loopback port for one test file.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = process.env.EMULATOR_BIN || join(repo, 'target', 'debug', 'cos-ci-emulator');

export const BUCKET = 'examplebucket-1250000000';
export const REGION = 'ap-guangzhou';
export const KEYS = { SecretId: 'AKIDEXAMPLE', SecretKey: 'secretEXAMPLE' };
export const TMP_KEYS = { TmpSecretId: 'AKIDTMPEXAMPLE', TmpSecretKey: 'tmpsecretEXAMPLE', SecurityToken: 'tokenEXAMPLE' };

/** @returns {Promise<{url: string, stop(): Promise<void>, control(path: string): Promise<any>}>} */
export function startEmulator(args = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error('emulator exited with ' + code + ': ' + out)));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /^listening on (\S+)$/m.exec(out);
      if (m) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        child.removeAllListeners('exit');
        const url = m[1];
        resolve({
          url,
          async control(path) {
            const res = await fetch(url + '/-/emulator/' + path, { method: 'POST' });
            return res.text();
          },
          stop() {
            return new Promise((r) => {
              child.on('exit', () => r());
              child.kill('SIGTERM');
            });
          },
        });
      }
    });
  });
}
