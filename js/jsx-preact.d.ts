// <fact-card>, <fact-ref> and <fact-search> as JSX intrinsic elements for Preact:
// `import type {} from 'factcard/jsx-preact';` once in the app.
import type { FactcardElements } from './factcard.js';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements extends FactcardElements {}
  }
}
