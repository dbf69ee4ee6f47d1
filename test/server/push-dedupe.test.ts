/** Push duplicate suppression is per delivery: a second capture on one userIdKey still calls back. */
import { createMockWeChat, createPushHandler, type FaceIdentifyEvent } from 'taro-face-verify/server';

describe('push: duplicate suppression is per delivery, not per out_seq_no', () => {
  it('calls back for a second capture made with the same userIdKey (same out_seq_no, new verify_result)', async () => {
    const mock = createMockWeChat();
    const events: FaceIdentifyEvent[] = [];
    const handler = createPushHandler({
      token: mock.pushToken,
      appId: mock.appId,
      encodingAESKey: mock.encodingAESKey,
      onFaceIdentify: (event) => void events.push(event),
    });
    const first = mock.faceIdentifyEvent({ outSeqNo: 'tfv-seq', verifyResult: 'mock1.first-capture' });
    const second = { ...mock.faceIdentifyEvent({ outSeqNo: 'tfv-seq', verifyResult: 'mock1.second-capture' }), CreateTime: 1703657899 };
    expect((await mock.push(handler, first, { encrypt: true })).body).toBe('success');
    expect((await mock.push(handler, first, { encrypt: true, nonce: 'retry' })).body).toBe('success');
    expect((await mock.push(handler, second, { encrypt: true })).body).toBe('success');
    expect(events.map((event) => event.verify_result)).toEqual(['mock1.first-capture', 'mock1.second-capture']);
  });
});
