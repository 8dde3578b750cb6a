/**
 * zod, as every room of batch uses it to check the shape of what it reads back: import it as
 * `import * as z from '…/model/schema.js'`. Two start-up costs are cut here, each paid on every command:
 * - a namespace import lets the bundler keep only the parts of zod batch calls; `import { z }` kept
 *   all of it (580 KB to compile, its locales included, against 130 KB);
 * - zod's JIT compiles an object parser with `new Function` on a schema's first use, which pays off over
 *   many parses; a command parses each file once or twice and exits. The interpreted path checks the same.
 */
import { config } from 'zod';

config({ jitless: true });

export * from 'zod';
