/**
 * The part of alipay-sdk 4.x (`new AlipaySdk({...})`) the kit uses, described by shape so the server entry
 * never imports the SDK: WeChat-only backends install nothing, and the app keeps its own SDK version.
 */

/** The configuration fields the kit reads from the app's SDK instance. */
export interface AlipaySdkConfigLike {
  /** Alipay's public key (PEM or bare base64), or the one read from `alipayPublicCertPath`. Required here. */
  alipayPublicKey?: string;
  /** Where requests go; must be https unless `allowInsecureGateway`. @default 'https://openapi.alipay.com/gateway.do' */
  gateway?: string;
  /** Bounds each call, in milliseconds. @default 5000 */
  timeout?: number;
  /** Must be RSA2 (the kit verifies answers with SHA256withRSA). @default 'RSA2' */
  signType?: string;
  /** Ignored: the kit reads Alipay's signed answer text itself (snake_case keys), never the SDK's renamed copy. */
  camelcase?: boolean;
}

/**
 * The options of one alipay-sdk `exec` call.
 *
 * @deprecated The kit no longer calls `exec` (the SDK verifies one answer node and returns another); kept so
 * code naming the type still compiles.
 */
export interface AlipayExecOptionsLike {
  validateSign?: boolean;
}

/**
 * An alipay-sdk 4.x `AlipaySdk` instance, structurally: `sdkExecute` (signs a request's parameters locally;
 * the kit posts them itself) and `pageExecute` (a signed URL built locally). Any object of this shape works,
 * e.g. a test double.
 */
export interface AlipaySdkLike {
  readonly config: AlipaySdkConfigLike;
  sdkExecute(method: string, params: { bizContent?: Record<string, unknown> }, options?: { bizContentAutoSnakeCase?: boolean }): string;
  pageExecute(method: string, httpMethod: 'GET', params: { bizContent?: Record<string, unknown> }): string;
}
