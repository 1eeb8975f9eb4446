/**
 * A one-node Slurm cluster for tests, from Debian's `slurm-wlm` and `munge` packages: munged with a key
 * generated for the cluster, slurmctld and slurmd on this host (proctrack/linuxproc, task/none,
 * cons_tres with CR_Core, accounting off), every file (configuration, state, spool, logs, the key) in
 * one temporary folder, on ports free at start. The daemons run in the foreground as children of the
 * test process; `stop()` cancels the cluster's jobs, stops the daemons by their pids and removes the
 * folder, and an exit handler kills them should the test process end first. `slurmUnavailable()` says
 * why a cluster cannot start here (the packages missing, not root).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

const DAEMONS = ['munged', 'slurmctld', 'slurmd'];
const CLIENTS = ['sbatch', 'squeue', 'scancel', 'sinfo'];

function onPath(cmd: string): boolean {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin'];
  return dirs.some((d) => d && fs.existsSync(path.join(d, cmd)));
}

/** Why a cluster cannot be started here, or undefined when it can. */
export function slurmUnavailable(): string | undefined {
  const missing = [...DAEMONS, ...CLIENTS].filter((c) => !onPath(c));
  if (missing.length > 0) return `${missing.join(', ')} not installed (Debian: apt-get install slurm-wlm munge)`;
  if (process.getuid?.() !== 0) return 'slurmd runs jobs as their users and must start as root';
  return undefined;
}

/** A running cluster. */
export interface SlurmCluster {
  /** The folder holding its configuration, state, logs and munge key. */
  dir: string;
  /** Its slurm.conf: set SLURM_CONF to it for the client commands. */
  conf: string;
  /** The environment the client commands need. */
  env: NodeJS.ProcessEnv;
  /** The last lines of the daemons' logs, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const sbin = (cmd: string) => ['/usr/sbin', '/sbin', ...(process.env.PATH ?? '').split(':')].map((d) => path.join(d, cmd)).find((p) => fs.existsSync(p)) ?? cmd;

function slurmConf(dir: string, host: string, ports: [number, number]): string {
  return [
    'ClusterName=benchtest',
    `SlurmctldHost=${host}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    `SlurmctldPort=${ports[0]}`,
    `SlurmdPort=${ports[1]}`,
    'AuthType=auth/munge',
    `AuthInfo=socket=${dir}/munge/munge.socket`,
    'CredType=cred/munge',
    `StateSaveLocation=${dir}/state`,
    `SlurmdSpoolDir=${dir}/spool`,
    `SlurmctldPidFile=${dir}/slurmctld.pid`,
    `SlurmdPidFile=${dir}/slurmd.pid`,
    `SlurmctldLogFile=${dir}/log/slurmctld.log`,
    `SlurmdLogFile=${dir}/log/slurmd.log`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core',
    'AccountingStorageType=accounting_storage/none',
    'JobAcctGatherType=jobacct_gather/none',
    'JobCompType=jobcomp/none',
    'MpiDefault=none',
    'ReturnToService=2',
    'SchedulerType=sched/backfill',
    'SchedulerParameters=sched_interval=1',
    'MinJobAge=600',
    'KillWait=5',
    'InactiveLimit=0',
    `NodeName=${host} CPUs=${os.cpus().length} State=UNKNOWN`,
    `PartitionName=bench Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
    '',
  ].join('\n');
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

async function stopChild(c: ChildProcess, graceMs = 10_000): Promise<void> {
  if (exited(c)) return;
  const gone = new Promise<void>((res) => c.once('exit', () => res()));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}

/** Starts munged, slurmctld and slurmd in a new temporary folder and waits until the node is idle. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-slurm-'));
  for (const sub of ['state', 'spool', 'log', 'munge', 'munge-key']) fs.mkdirSync(path.join(dir, sub));
  fs.chmodSync(path.join(dir, 'munge-key'), 0o700);
  const key = path.join(dir, 'munge-key', 'munge.key');
  fs.writeFileSync(key, crypto.randomBytes(1024), { mode: 0o400 });
  const host = os.hostname().split('.')[0]!;
  const conf = path.join(dir, 'slurm.conf');
  fs.writeFileSync(conf, slurmConf(dir, host, [await freePort(), await freePort()]));
  const env = { ...process.env, SLURM_CONF: conf };
  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((c) => exited(c) || c.kill('SIGKILL'));
  process.on('exit', killAll);
  const start = (cmd: string, args: string[]) => {
    const c = spawn(sbin(cmd), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr!.on('data', (b: Buffer) => (err = (err + b.toString()).slice(-2000)));
    c.on('exit', (code, sig) => fs.appendFileSync(path.join(dir, 'log', 'exits.log'), `${cmd} exited ${code ?? sig}: ${err}\n`));
    children.push(c);
    return c;
  };
  const m = path.join(dir, 'munge');
  start('munged', ['--foreground', '--force', `--key-file=${key}`, `--socket=${m}/munge.socket`, `--pid-file=${m}/munged.pid`, `--log-file=${m}/munged.log`, `--seed-file=${m}/munged.seed`]);
  const logs = () =>
    ['munge/munged.log', 'log/slurmctld.log', 'log/slurmd.log', 'log/exits.log']
      .map((f) => path.join(dir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => `== ${f}\n${fs.readFileSync(f, 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
  const stop = async () => {
    process.removeListener('exit', killAll);
    try {
      const jobs = execFileSync('squeue', ['--noheader', '--format=%A'], { env, encoding: 'utf8', timeout: 10_000 }).split('\n').filter((j) => /^\d+$/.test(j.trim()));
      if (jobs.length > 0) execFileSync('scancel', jobs, { env, timeout: 10_000 });
      for (let i = 0; i < 40 && jobs.length > 0; i++) {
        if (execFileSync('squeue', ['--noheader', '--format=%A'], { env, encoding: 'utf8', timeout: 10_000 }).trim() === '') break;
        await new Promise((r) => setTimeout(r, 250));
      }
    } catch {
      // The controller is already gone: its jobs' steps end with slurmd.
    }
    for (const c of [...children].reverse()) await stopChild(c);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(() => fs.existsSync(`${m}/munge.socket`), 10_000, 'munged to open its socket');
    start('slurmctld', ['-D', '-i', '-f', conf]);
    start('slurmd', ['-D', '-f', conf]);
    await waitFor(
      () => {
        try {
          return /idle/.test(execFileSync('sinfo', ['--noheader', '--format=%T'], { env, encoding: 'utf8', timeout: 5000 }));
        } catch {
          return false;
        }
      },
      30_000,
      'the node to be idle',
    );
  } catch (e) {
    const text = logs();
    await stop();
    throw new Error(`${(e as Error).message}\n${text}`);
  }
  return { dir, conf, env, logs, stop };
}

async function waitFor(ok: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`Slurm test cluster: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
