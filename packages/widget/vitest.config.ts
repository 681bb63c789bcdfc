import { defineProject } from 'vitest/config';

export default defineProject({
  define: { __PARLEY_CHAT_FILE__: JSON.stringify('widget-chat.test.js') },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    name: 'widget',
    environment: 'happy-dom',
  },
});
