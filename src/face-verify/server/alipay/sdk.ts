/**
 * The part of alipay-sdk 4.x (`new AlipaySdk({...})`) the kit uses, described by shape so the server entry
 * never imports the SDK: WeChat-only backends install nothing, and the app keeps its own SDK version.
 */

/** The configuration fields the kit reads from the app's SDK instance. */
export interface AlipaySdkConfigLike {
  /** Alipay's public key (PEM or bare base64), or the one read from `alipayPublicCertPath`. Required here. */
  alipayPublicKey?: string;
  /** alipay-sdk renames answer keys to camelCase unless `camelcase: false`. */
  camelcase?: boolean;
}

/** The options of one `exec` call the kit passes. */
export interface AlipayExecOptionsLike {
  validateSign?: boolean;
}

/**
 * An alipay-sdk 4.x `AlipaySdk` instance, structurally: `exec` (v2 gateway POST) and `pageExecute` (a signed
 * URL built locally). Any object of this shape works, e.g. a test double.
 */
export interface AlipaySdkLike {
  readonly config: AlipaySdkConfigLike;
  exec(
    method: string,
    params?: { bizContent?: Record<string, unknown> },
    options?: AlipayExecOptionsLike,
  ): Promise<Record<string, unknown>>;
  pageExecute(method: string, httpMethod: 'GET', params: { bizContent?: Record<string, unknown> }): string;
}
