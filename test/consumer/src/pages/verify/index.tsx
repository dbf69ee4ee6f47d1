// The prebuilt page, mounted as a page of this app: the two-line re-export.
import { FaceVerifyPage } from 'taro-face-verify';
export default FaceVerifyPage;
