/**
 * The git commit recorded in results: the checkout's own commit, and none for a package folder that
 * merely lies inside someone else's repository (node_modules/optim-bench in a user's project).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitCommit } from './environment';

test('gitCommit: the commit of a checkout at its top, null in a folder below it and outside git', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'pipe' }).toString().trim();
  git('init', '-q');
  const pkg = path.join(repo, 'node_modules', 'optim-bench');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{}');
  git('add', '-A');
  git('commit', '-qm', 'user project');
  const head = git('rev-parse', 'HEAD');
  expect(head).toMatch(/^[0-9a-f]{40}$/);
  expect(gitCommit(repo)).toBe(head);
  expect(gitCommit(pkg)).toBeNull();
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nogit-'));
  expect(gitCommit(outside)).toBeNull();
  fs.rmSync(repo, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});
