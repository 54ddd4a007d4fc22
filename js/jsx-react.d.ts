// <fact-card>, <fact-ref> and <fact-search> as JSX intrinsic elements for React 19's types (JSX in the module):
// `import type {} from 'factcard/jsx-react';` once in the app.
import type { FactcardElements } from './factcard.js';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends FactcardElements {}
  }
}
