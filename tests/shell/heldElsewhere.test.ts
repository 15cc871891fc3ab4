import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { lockFileOf } from '../../electron/core/store/planHolder';
import { call, type Launched, refusalOf, resultOf, shellHarness, until } from '../fixtures/shellHarness';

/**
 * The desktop app on a plan another computer is editing (played by its lock beside the plan,
 * touched as that computer touches it): the plan service opens it read-only and says who holds
 * it; once that computer lets it go, the service opens it again for writing and tells the window
 * to read it afresh. The beat is shortened so this takes a second.
 */
process.env.PLANBENCH_HOLD_BEAT_MS = '300';

const { makePlan, launch, close } = shellHarness();
after(close);

describe('the desktop app on a plan another computer holds', () => {
  let plan: string;
  let shell: Launched;
  let beats: NodeJS.Timeout;

  before(async () => {
    plan = makePlan('共享.planbench', '共享规划');
    fs.writeFileSync(lockFileOf(plan), JSON.stringify({ host: 'KJ-PC-03', user: '赵处长', pid: 777, since: '' }));
    beats = setInterval(() => {
      const now = new Date();
      if (fs.existsSync(lockFileOf(plan))) fs.utimesSync(lockFileOf(plan), now, now);
    }, 100);
    shell = await launch([plan]);
  });
  after(() => clearInterval(beats));

  test('read-only while the other computer holds it, saying who; writable once it lets go, and the window is told', async () => {
    const opened = resultOf(await call(shell, 'plan.get', {}));
    assert.equal(opened.readOnly, true);
    assert.match(opened.readOnlyNote ?? '', /赵处长在电脑“KJ-PC-03”上/);
    assert.equal(shell.mainWindow!.getTitle(), '共享规划（只读） — 规划工作台');
    const sheetId = opened.sheets[0]!.id;
    const rename = await call(shell, 'sheets.rename', { sheetId, name: '改名' });
    assert.match(refusalOf(rename), /KJ-PC-03/);

    const contents = shell.mainWindow!.webContents;
    const sentBefore = contents.sent.length;
    clearInterval(beats);
    fs.rmSync(lockFileOf(plan));
    const reopened = () =>
      contents.sent.slice(sentBefore).some((message) => (message.args[0] as { reopened?: boolean }).reopened === true);
    await until(reopened);
    assert.ok(reopened(), 'the window is told to read the plan afresh');
    assert.equal(resultOf(await call(shell, 'plan.get', {})).readOnly, false);
    resultOf(await call(shell, 'sheets.rename', { sheetId, name: '改名' }));
    assert.match(
      fs.readFileSync(lockFileOf(plan), 'utf8'),
      new RegExp(`"pid":${shell.recorded.utilityProcesses.at(-1)!.pid}`),
    );
  });
});
