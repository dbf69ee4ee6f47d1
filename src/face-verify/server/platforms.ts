/**
 * The server's platforms, in one list: adding one is a folder (server/<platform>/ with its `platform.ts`) and a
 * line here. The handlers' options are the union of what each platform reads.
 */
import type { PlatformName } from '../contract';
import { alipayServer, type AlipayTicketOptions, type AlipayVerifyOptions } from './alipay/platform';
import type { ServerPlatform } from './platform';
import { tencentServer, type TencentTicketOptions, type TencentVerifyOptions } from './tencent/platform';
import { wechatServer, type WeChatTicketOptions, type WeChatVerifyOptions } from './wechat/platform';

/** Every platform's ticket-handler options. */
export type PlatformTicketOptions = WeChatTicketOptions & AlipayTicketOptions & TencentTicketOptions;
/** Every platform's verify-handler options. */
export type PlatformVerifyOptions = WeChatVerifyOptions & AlipayVerifyOptions & TencentVerifyOptions;

export const SERVER_PLATFORMS: readonly ServerPlatform<PlatformTicketOptions, PlatformVerifyOptions>[] = [
  wechatServer,
  alipayServer,
  tencentServer,
];

/** The platforms whose client the options carry; a TypeError when none (the handler could serve nobody). */
export function configuredPlatforms(options: object, handler: string): PlatformName[] {
  const configured = SERVER_PLATFORMS.filter((platform) => (options as Record<string, unknown>)[platform.clientOption] !== undefined).map(
    (platform) => platform.name,
  );
  if (configured.length === 0) {
    const names = SERVER_PLATFORMS.map((platform) => `${platform.clientOption} (${platform.name})`).join(', ');
    throw new TypeError(`${handler} needs a platform's client: ${names}`);
  }
  return configured;
}
