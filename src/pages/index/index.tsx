/**
 * The demo app's home: what the kit does, and a way into the verification page (and, in H5, each preview
 * scenario of each simulated platform, and elder mode), in Chinese or English.
 */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { en, zhCN } from '../../face-verify';
import { PREVIEW_PLATFORMS, previewScenarioLabel } from './scenario-names';

const PAGE = '/pages/face-verify/index';
const open = (query = '') => {
  void Taro.navigateTo({ url: `${PAGE}${query}` });
};

/** The home page's own words; the scenario labels come from the kit's locales. */
const WORDS = {
  'zh-CN': {
    table: zhCN,
    intro: '微信、支付宝与腾讯云人脸核身：设备检测、统一流程、现成页面、浏览器预览与服务端校验。',
    demo: '人脸核身示例',
    demoDetail: '检测设备，填写姓名和身份证号，完成人脸识别并由服务端确认结果。',
    start: '开始人脸核身',
    elderly: '长辈模式（大字）',
    platforms: {
      wechat: '微信预览场景（模拟数据）',
      alipay: '支付宝预览场景（模拟数据）',
      tencent: '腾讯云人脸核身（H5）预览场景（模拟数据）',
    },
    platformNames: { wechat: '微信', alipay: '支付宝', tencent: '腾讯云' },
    switchTo: 'English',
    switchLabel: 'Switch to English',
  },
  en: {
    table: en,
    intro:
      'Face verification for WeChat, Alipay and Tencent Cloud: device check, one flow, a ready page, a browser preview and server checks.',
    demo: 'Face verification demo',
    demoDetail: 'Checks the device, takes the name and ID number, runs the face check and has the server confirm it.',
    start: 'Start face verification',
    elderly: 'Elder mode (large text)',
    platforms: {
      wechat: 'WeChat preview scenarios (simulated)',
      alipay: 'Alipay preview scenarios (simulated)',
      tencent: 'Tencent Cloud FaceID (H5) preview scenarios (simulated)',
    },
    platformNames: { wechat: 'WeChat', alipay: 'Alipay', tencent: 'Tencent Cloud' },
    switchTo: '中文',
    switchLabel: '切换到中文',
  },
} as const;

const card = { margin: '1em 0 0', padding: '1.25em', background: '#ffffff', borderRadius: '12px' };
const button = {
  margin: '1em 0 0',
  minHeight: '3em',
  lineHeight: 1.5,
  padding: '0.75em 1em',
  borderRadius: '12px',
  border: '1px solid transparent',
  background: '#067d3f',
  color: '#ffffff',
  fontSize: '1.0625em',
};
const link = {
  ...button,
  background: '#ffffff',
  color: '#067d3f',
  border: '1px solid #767b84',
  fontSize: '0.9375em',
  minHeight: '2.75em',
  margin: '0.5em 0 0',
};

export default function HomePage() {
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const words = WORDS[locale];
  const lang = locale === 'en' ? '&locale=en' : '';
  // Every simulated platform's scenarios (the preview registry; H5 only, an empty list elsewhere).
  const scenarios = (platform: (typeof PREVIEW_PLATFORMS)[number]) => (
    <View key={platform.name} style={card}>
      <Text style={{ display: 'block', fontWeight: 600 }}>{words.platforms[platform.name]}</Text>
      {platform.scenarios.map((name) => {
        const label = previewScenarioLabel(platform, name, words.table);
        return (
          <Button
            key={name}
            id={`home-${platform.name === 'wechat' ? 'scenario' : platform.name}-${name}`}
            plain
            hoverClass="none"
            style={link}
            aria-label={platform.name === 'wechat' ? undefined : `${words.platformNames[platform.name]}: ${label}`}
            onClick={() => open(`?${platform.name === 'wechat' ? '' : `platform=${platform.name}&`}scenario=${name}${lang}`)}
          >
            {label}
          </Button>
        );
      })}
    </View>
  );
  return (
    <View
      {...{ lang: locale }}
      style={{
        minHeight: '100vh',
        padding: '1.5em 1.25em',
        boxSizing: 'border-box',
        background: '#f5f6f8',
        color: '#1d1d1f',
        lineHeight: 1.6,
      }}
    >
      <View style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text style={{ display: 'block', fontSize: '1.5em', fontWeight: 600 }}>taro-face-verify</Text>
        <Button
          id="home-locale"
          plain
          hoverClass="none"
          aria-label={words.switchLabel}
          style={{ ...link, margin: 0, width: 'auto' }}
          onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
        >
          {words.switchTo}
        </Button>
      </View>
      <Text style={{ display: 'block', marginTop: '0.5em', color: '#5c6066' }}>{words.intro}</Text>
      <View style={card}>
        <Text style={{ display: 'block', fontWeight: 600 }}>{words.demo}</Text>
        <Text style={{ display: 'block', marginTop: '0.25em', color: '#5c6066', fontSize: '0.9375em' }}>{words.demoDetail}</Text>
        <Button id="home-start" plain hoverClass="none" style={button} onClick={() => open(lang && `?${lang.slice(1)}`)}>
          {words.start}
        </Button>
        {process.env.TARO_ENV === 'h5' ? (
          <Button id="home-elderly" plain hoverClass="none" style={link} onClick={() => open(`?elderly=1${lang}`)}>
            {words.elderly}
          </Button>
        ) : null}
      </View>
      {process.env.TARO_ENV === 'h5' ? PREVIEW_PLATFORMS.map(scenarios) : null}
    </View>
  );
}
