/** Where the installation's model lives: real Azure, or the built-in simulator in demo mode. */
export class LlmEndpoint {
  constructor(
    readonly url: string,
    readonly apiKey: string,
    readonly demo: boolean,
  ) {}
}
