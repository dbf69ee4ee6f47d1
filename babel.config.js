// babel-preset-taro compiles the app for both builds; under NODE_ENV=test it emits CommonJS for Jest.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
