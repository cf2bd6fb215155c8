// The parts of Eleventy's API this project uses, for the type checker: Eleventy 3 ships no
// declarations for its main entry point.
declare module '@11ty/eleventy' {
  interface Page {
    url: string;
    outputPath: string | false;
    inputPath: string;
  }
  interface CollectionItem {
    data: Record<string, any>;
    page: Page;
    date: Date;
  }
  interface CollectionApi {
    getFilteredByTag(tag: string): CollectionItem[];
  }
  type Plugin<Options = any> = (eleventyConfig: UserConfig, options?: Options) => void;

  /** What an Eleventy config function is given. */
  export interface UserConfig {
    /** What addGlobalData added so far; the project's config reads the run's own flags here. */
    globalData: Record<string, any>;
    ignores: Set<string>;
    addGlobalData(name: string, value: unknown): UserConfig;
    addPlugin<Options>(plugin: Plugin<Options>, options?: Options): void;
    addFilter(name: string, filter: (...args: any[]) => unknown): void;
    addTransform(name: string, transform: (this: { page: Page }, content: string) => string): void;
    addCollection(name: string, build: (api: CollectionApi) => unknown[]): void;
    addPassthroughCopy(paths: Record<string, string>): void;
    on(event: 'eleventy.before' | 'eleventy.after', handler: (context: { directories: { output: string } }) => unknown): void;
  }

  export const HtmlBasePlugin: Plugin;

  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    pathPrefix?: string;
    runMode?: 'build' | 'serve' | 'watch';
    config?: (eleventyConfig: UserConfig) => void;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
    stopWatch(): Promise<void>;
  }
}

declare module '@11ty/eleventy-plugin-rss' {
  import type { UserConfig } from '@11ty/eleventy';
  export function feedPlugin(eleventyConfig: UserConfig, options: unknown): void;
}
