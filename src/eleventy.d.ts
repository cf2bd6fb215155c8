// The parts of Eleventy's programmatic API that the build uses (Eleventy ships no types).
declare module '@11ty/eleventy' {
  interface EleventyConfig {
    addGlobalData(name: string, value: unknown): void;
  }
  interface EleventyOptions {
    quietMode?: boolean;
    configPath?: string;
    pathPrefix?: string;
    config?: (eleventyConfig: EleventyConfig) => void;
  }
  export default class Eleventy {
    constructor(input: string, output: string, options?: EleventyOptions);
    write(): Promise<unknown>;
  }
}
