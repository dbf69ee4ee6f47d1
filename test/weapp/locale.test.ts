/**
 * Languages in the weapp build: a mini-program build carries Chinese only by name, so an app in one language
 * carries one. The demo's page carries English by importing the `en` table and passing it for `?locale=en`, which
 * is what an app does; the page then reads, and the flow words its errors, in English in WeChat's simulator.
 */
import { en } from '../../src/face-verify/locales/en';
import { zhCN } from '../../src/face-verify/locales/zh-CN';
import { ANDROID } from './fake-wx';
import { ID_CARD, open } from './scenario';

describe('weapp: the page in the language the app carries', () => {
  it('Chinese by default', async () => {
    const page = await open({ device: ANDROID });
    await page.waitForText(zhCN.page.actions.start);
    expect(page.text()).not.toContain(en.page.actions.start);
  });

  it('English when the app passes the en table (the demo does for ?locale=en): the page and the flow', async () => {
    const page = await open({ device: ANDROID, query: { locale: 'en' } });
    await page.waitForText(en.page.actions.start);
    expect(page.text()).toContain(en.page.form.nameLabel);
    expect(page.text()).not.toContain(zhCN.page.actions.start);
    // The flow's own words too: an ID number with a wrong check digit is refused in English before any request.
    await page.type('#fv-name', 'Zhang San');
    await page.type('#fv-id-card', `${ID_CARD.slice(0, 17)}1`);
    await page.tap('#fv-start');
    await page.waitForText(en.flow.idCard.checksum);
    expect(page.wx.callsTo('request', 'startFacialRecognitionVerify')).toEqual([]);
  });
});
