/** The demo app's home: what the kit does, and a way into the verification page (and, in H5, each preview scenario). */
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { zhCN } from '../../face-verify';
import { MOCK_SCENARIO_NAMES } from '../../face-verify/mock';

const PAGE = '/pages/face-verify/index';
const open = (query = '') => {
  void Taro.navigateTo({ url: `${PAGE}${query}` });
};

const card = { margin: '1em 0 0', padding: '1.25em', background: '#ffffff', borderRadius: '12px' };
const button = {
  margin: '1em 0 0',
  minHeight: '3em',
  lineHeight: 1.5,
  padding: '0.75em 1em',
  borderRadius: '12px',
  border: '1px solid transparent',
  background: '#07c160',
  color: '#ffffff',
  fontSize: '1.0625em',
};
const link = {
  ...button,
  background: '#ffffff',
  color: '#07c160',
  border: '1px solid #dcdfe4',
  fontSize: '0.9375em',
  minHeight: '2.75em',
  margin: '0.5em 0 0',
};

export default function HomePage() {
  return (
    <View
      style={{
        minHeight: '100vh',
        padding: '1.5em 1.25em',
        boxSizing: 'border-box',
        background: '#f5f6f8',
        color: '#1d1d1f',
        lineHeight: 1.6,
      }}
    >
      <Text style={{ display: 'block', fontSize: '1.5em', fontWeight: 600 }}>taro-face-verify</Text>
      <Text style={{ display: 'block', marginTop: '0.5em', color: '#5c6066' }}>
        微信人脸核身：设备检测、统一流程、现成页面、浏览器预览与服务端校验。
      </Text>
      <View style={card}>
        <Text style={{ display: 'block', fontWeight: 600 }}>人脸核身示例</Text>
        <Text style={{ display: 'block', marginTop: '0.25em', color: '#5c6066', fontSize: '0.9375em' }}>
          检测设备，填写姓名和身份证号，完成人脸识别并由服务端确认结果。
        </Text>
        <Button id="home-start" plain hoverClass="none" style={button} onClick={() => open()}>
          开始人脸核身
        </Button>
      </View>
      {process.env.TARO_ENV === 'h5' ? (
        <View style={card}>
          <Text style={{ display: 'block', fontWeight: 600 }}>预览场景（模拟数据）</Text>
          {MOCK_SCENARIO_NAMES.map((name) => (
            <Button key={name} id={`home-scenario-${name}`} plain hoverClass="none" style={link} onClick={() => open(`?scenario=${name}`)}>
              {zhCN.scenarios?.[name] ?? name}
            </Button>
          ))}
        </View>
      ) : null}
    </View>
  );
}
