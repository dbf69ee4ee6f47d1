/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Set by Taro's build: 'weapp' | 'h5' | … */
    TARO_ENV?: string;
  }
}
