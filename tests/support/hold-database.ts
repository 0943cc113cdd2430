// Test helper process: opens the embedded database in the given folder as ESM does, writes a
// row, and holds it open until killed.
import { sql } from 'drizzle-orm';
import { openDatabase } from '@/lib/db/connect';

const database = await openDatabase({ dataDir: process.argv[2] });
await database.db.execute(sql`create table if not exists kept (x int)`);
await database.db.execute(sql`insert into kept values (42)`);
console.log('ready');
setInterval(() => {}, 60_000);
