/**
 * zod, as every room of batch uses it to check the shape of what it reads back: import it as
 * `import * as z from '…/model/schema.js'`, never `import { z } from 'zod'`. The namespace import lets
 * the bundler keep only the parts of zod batch calls; `{ z }` kept all of it (580 KB to compile on
 * every command, its locales included, against 150 KB).
 */
export * from 'zod';
