/**
 * `npm run agent:add -- <username> [--admin] [--name "Display Name"]`: adds an agent account.
 * The password is read from AGENT_PASSWORD or asked on the terminal (never a command-line argument).
 * It writes to the store the server uses: PostgreSQL when DATABASE_URL is set, SQLite in DATA_DIR otherwise.
 */
import * as readline from 'node:readline';
import 'dotenv/config';
import { AgentAccounts } from '../src/agents/agentAccounts';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { openStorage } from '../src/storage/openStorage';

async function askHidden(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
    if (s.includes(question)) process.stdout.write(s);
  };
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const username = args.find((a) => !a.startsWith('--'));
  const nameAt = args.indexOf('--name');
  if (!username) throw new Error('usage: npm run agent:add -- <username> [--admin] [--name "Display Name"]');
  const password = process.env.AGENT_PASSWORD ?? (await askHidden(`Password for ${username}: `));
  // the server's own store: PostgreSQL with DATABASE_URL (and TOKEN_SECRET, as the server needs), else SQLite in DATA_DIR
  const storage = await openStorage(loadConfig(), {
    clock: systemClock,
    onBackgroundError: (error) => process.stderr.write(`agent:add: ${String(error)}\n`),
  });
  const agent = await new AgentAccounts(storage.agents).create(username, password, {
    role: args.includes('--admin') ? 'admin' : 'agent',
    displayName: nameAt >= 0 ? args[nameAt + 1] : undefined,
  });
  await storage.close();
  process.stdout.write(`added ${agent.role} ${agent.username} (${agent.displayName})\n`);
}

main().catch((error) => {
  process.stderr.write(`agent:add failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
