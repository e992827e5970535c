// The few parts of selenium-webdriver that engines.ts uses (the package ships no types; @types/selenium-webdriver
// would be a dependency for four calls).
declare module 'selenium-webdriver' {
  export class Capabilities {
    set(key: string, value: unknown): Capabilities;
  }
  export interface WebDriver {
    get(url: string): Promise<void>;
    executeScript<T>(script: string, ...args: unknown[]): Promise<T>;
    manage(): { setTimeouts(timeouts: { script?: number; pageLoad?: number; implicit?: number }): Promise<void> };
    quit(): Promise<void>;
  }
  export class Builder {
    usingServer(url: string): Builder;
    withCapabilities(capabilities: Capabilities): Builder;
    build(): Promise<WebDriver> & WebDriver;
  }
}
