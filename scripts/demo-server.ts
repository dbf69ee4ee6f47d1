/**
 * `npm run server`: the demo backend on API_PORT (default 10087), 127.0.0.1. Uses the local WeChat, Alipay and
 * Tencent FaceID stand-ins unless WECHAT_APPID and WECHAT_SECRET are set (then WeChat only, no stand-in). See scripts/demo-server-lib.ts for every setting.
 */
import { DemoConfigError, startDemoServer } from './demo-server-lib';

function portFrom(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 10087;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DemoConfigError('API_PORT must be a port number (0-65535).');
  return port;
}

async function main(): Promise<void> {
  const server = await startDemoServer({ port: portFrom(process.env.API_PORT) });
  const via = server.wechat ? `the local WeChat stand-in at ${server.wechat.url}` : 'WeChat';
  const alipay = server.alipay ? `the local stand-in at ${server.alipay.url}` : 'not served (no stand-in beside real credentials)';
  const tencent = server.tencent ? `the local stand-in at ${server.tencent.origin}` : 'not served';
  console.log(`taro-face-verify demo API on ${server.url} (talking to ${via}; Alipay: ${alipay}; Tencent FaceID: ${tencent})`);
  console.log('  POST /api/face/ticket   POST /api/face/verify   GET|POST /api/wechat/push   GET /api/health');
  if (server.alipay) console.log("  POST /api/mock/alipay-capture (the preview's simulated Alipay capture)");
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof DemoConfigError ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
