/**
 * The demo app's verification page. In the H5 preview it runs the mock driver; `npm start` builds it with
 * FV_PREVIEW_API pointing at the demo server, so the preview's credential goes through the real server
 * checks. Query: `platform=alipay` or `platform=tencent` (a real redirect round trip in the tab), `scenario`, `locale` (the page reads it in H5; on a mini-program this page passes the `en` table, which the build carries only when imported), `speed=fast` (short mock timings, for the
 * end-to-end tests), `protocol=v2`, `form=0` (ticket start without a form: needs the demo server, or v2).
 */
import Taro, { useRouter } from '@tarojs/taro';
import { en, FaceVerifyPage } from '../../face-verify';

/** Set by the Taro config (`defineConstants`); empty means the in-browser mock backend. */
declare const FV_PREVIEW_API: string;
const api = typeof FV_PREVIEW_API === 'string' ? FV_PREVIEW_API.replace(/\/+$/, '') : '';

/** Tells the demo backend's WeChat stand-in how a simulated v2 capture ended, as a phone tells WeChat. */
async function reportV2Capture({ verifyId, verifyRet }: { verifyId: string; verifyRet: number }) {
  await Taro.request({
    url: `${api}/api/mock/v2-capture`,
    method: 'POST',
    header: { 'Content-Type': 'application/json' },
    data: { verify_id: verifyId, verify_ret: verifyRet },
  });
}

/** Tells the demo backend's Alipay stand-in what its query should say for a simulated capture's certify id. */
async function reportAlipayCapture(report: { certify_id: string; passed: boolean }) {
  await Taro.request({
    url: `${api}/api/mock/alipay-capture`,
    method: 'POST',
    header: { 'Content-Type': 'application/json' },
    data: report,
  });
}

export default function FaceVerifyDemoPage() {
  const { params } = useRouter();
  const fast = params.speed === 'fast';
  const protocol = params.protocol === 'v2' ? 'v2' : 'v1';
  const form = params.form !== '0';
  // The demo backend issues every ticket: WeChat v2's verifyId, v1's userIdKey (used only when started without
  // the form), Alipay's certify id and Tencent's BizToken (the preview bar may switch platform at any time).
  const tickets = Boolean(api);
  return (
    <FaceVerifyPage
      flow={{
        protocol,
        ...(api ? { endpoint: `${api}/api/face/verify` } : {}),
        ...(tickets ? { ticketEndpoint: `${api}/api/face/ticket` } : {}),
      }}
      // A mini-program build carries Chinese only by name: the demo carries English by importing its table.
      ui={{ collectIdentity: form, ...(params.locale === 'en' ? { locale: en } : {}) }}
      preview={{
        timing: fast ? { latencyMs: 30, captureMs: 600 } : undefined,
        onV2Capture: api ? reportV2Capture : undefined,
        onAlipayCapture: api ? reportAlipayCapture : undefined,
      }}
      callbacks={{
        onDone: () => {
          Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/index/index' }));
        },
      }}
    />
  );
}
