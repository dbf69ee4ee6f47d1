/**
 * The part of tencentcloud-sdk-nodejs 4.x (`new faceid.v20180301.Client({...})`) the kit uses, described by
 * shape so the server entry never imports the SDK: backends without Tencent install nothing, and the app keeps
 * its own SDK version. Field names and types are the SDK's (`faceid_models.d.ts`); only the ones read are listed.
 */

/** `DetectAuthRequest`: what starts one verification. */
export interface TencentDetectAuthRequest {
  RuleId: string;
  IdCard?: string;
  Name?: string;
  RedirectUrl?: string;
  Extra?: string;
}

/** `DetectAuthResponse`: the verification page and the token that names it. */
export interface TencentDetectAuthResponse {
  Url?: string;
  BizToken?: string;
  RequestId?: string;
}

/** `GetDetectInfoEnhancedRequest`: which result to fetch. */
export interface TencentGetDetectInfoEnhancedRequest {
  BizToken: string;
  RuleId: string;
  InfoType?: string;
}

/** `DetectInfoText`: the text part of a result. Tencent documents every field as possibly null. */
export interface TencentDetectInfoTextLike {
  ErrCode?: number | null;
  ErrMsg?: string | null;
  IdCard?: string | null;
  Name?: string | null;
  LiveStatus?: number | null;
  LiveMsg?: string | null;
  Comparestatus?: number | null;
  Comparemsg?: string | null;
  /** The similarity, 0–100, as a decimal string (e.g. `"95.31"`). */
  Sim?: string | null;
  Extra?: string | null;
  LivenessMode?: number | null;
}

/** `GetDetectInfoEnhancedResponse`: only `Text` is read. */
export interface TencentGetDetectInfoEnhancedResponse {
  Text?: TencentDetectInfoTextLike | null;
  RequestId?: string;
}

/**
 * A tencentcloud-sdk-nodejs 4.x faceid client (`new faceid.v20180301.Client(...)`), structurally: the two
 * calls of the H5 route. Any object of this shape works, e.g. a test double.
 */
export interface TencentFaceIdClientLike {
  DetectAuth(req: TencentDetectAuthRequest): Promise<TencentDetectAuthResponse>;
  GetDetectInfoEnhanced(req: TencentGetDetectInfoEnhancedRequest): Promise<TencentGetDetectInfoEnhancedResponse>;
}
