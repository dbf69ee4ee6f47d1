/**
 * The app's backend endpoint (createVerifyHandler from taro-face-verify/server answers it). In the H5
 * preview it is left out, so the kit's in-browser mock backend judges the mock driver's credentials.
 */
export const VERIFY_ENDPOINT = process.env.TARO_ENV === 'h5' ? undefined : 'https://api.example.com/face/verify';
