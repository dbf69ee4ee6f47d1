/** The page's words where they name the platform, as they read on Alipay (支付宝身份验证). */
import { platformWordsFor } from '../../core/errors';
import type { LocaleMessages } from '../../locales';
import { ALIPAY_PAGE_WORDS } from './words';

/** The table with the page's platform-naming words as they read on Alipay. */
export function withAlipayWording(table: LocaleMessages): LocaleMessages {
  const { page } = table;
  const alipay = platformWordsFor(ALIPAY_PAGE_WORDS, table);
  return {
    ...table,
    page: {
      ...page,
      title: alipay.title,
      unsupportedTitle: alipay.unsupportedTitle,
      actions: { ...page.actions, start: alipay.start },
      result: { ...page.result, ...alipay.result },
      probingDetail: alipay.probingDetail,
      form: { ...page.form, consent: alipay.consent },
      capture: { ...page.capture, wechat: alipay.capture },
      privacy: alipay.privacy,
    },
  };
}
