/**
 * Resolves in a later task (setTimeout 0): long work awaits it between slices
 * so the window keeps answering input and painting.
 */
export const yieldToUi = (): Promise<void> =>
  new Promise<void>((resolve) => setTimeout(resolve, 0));
