import { waitIdle, type IdleWait } from '../src/relay-wait';

/** An idle wait whose pauses end at once, recording what it was asked to do. */
function recordedWait(onPing: () => void = () => undefined) {
  let woken = false;
  const calls: string[] = [];
  const wait: IdleWait = {
    pause: () => {
      calls.push('pause');
      return Promise.resolve();
    },
    ping: () => {
      calls.push('ping');
      onPing();
      return Promise.resolve();
    },
    done: () => woken,
  };
  return { wait, calls, wake: () => (woken = true) };
}

describe('waitIdle', () => {
  it('ends right after a ping during which a wake-up arrived, without another pause', async () => {
    const recorded = recordedWait(() => recorded.wake());
    await waitIdle(600_000, 10_000, recorded.wait);
    expect(recorded.calls).toEqual(['pause', 'ping']);
  });

  it('ends after the pause a wake-up ended, without a ping', async () => {
    const recorded = recordedWait();
    recorded.wake();
    await waitIdle(600_000, 10_000, recorded.wait);
    expect(recorded.calls).toEqual(['pause']);
  });

  it('pings between pauses while nothing wakes it', async () => {
    let pings = 0;
    const recorded = recordedWait(() => (++pings === 3 ? recorded.wake() : undefined));
    await waitIdle(600_000, 10_000, recorded.wait);
    expect(recorded.calls).toEqual(['pause', 'ping', 'pause', 'ping', 'pause', 'ping']);
  });

  it('ends at its deadline', async () => {
    const recorded = recordedWait();
    await waitIdle(0, 10_000, recorded.wait);
    expect(recorded.calls).toEqual(['pause']);
  });
});
