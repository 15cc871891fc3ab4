import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { actingAs, currentActor, desktopActor, localAuthor, processActor } from '../../../electron/core/store/actor';

/**
 * Promise: the log can tell who did what and through which window or program. Each front end
 * names itself (a command-line run by its process, the desktop window by its computer), the
 * person is the OS user, and a call's actor holds through every await and for it alone.
 */
test('each program names itself: the command line by its process, the desktop window by its computer', () => {
  const user = os.userInfo().username;
  assert.deepEqual(processActor('cli'), { author: user, client: `cli:${os.hostname()}:${process.pid}` });
  assert.deepEqual(desktopActor(), { author: user, client: `desktop:${os.hostname()}` });
  assert.equal(localAuthor(), user);
  // Outside any call, what is logged is this process's.
  assert.deepEqual(currentActor(), { author: user, client: `process:${os.hostname()}:${process.pid}` });
});

test('a call acts as its caller through every await, and two calls never lend each other their names', async () => {
  const first = { author: '张三', client: 'browser:aaaaaaaa' };
  const second = { author: '李四', client: 'browser:bbbbbbbb' };
  const seen: string[] = [];
  const call = (actor: typeof first) =>
    actingAs(actor, async () => {
      seen.push(currentActor().author);
      await new Promise((resume) => setTimeout(resume, 5));
      seen.push(currentActor().author);
      return currentActor().client;
    });
  assert.deepEqual(await Promise.all([call(first), call(second)]), ['browser:aaaaaaaa', 'browser:bbbbbbbb']);
  assert.deepEqual(seen.sort(), ['张三', '张三', '李四', '李四'].sort());
  assert.equal(currentActor().client.startsWith('process:'), true);
});
