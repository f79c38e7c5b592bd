import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { spawnProcess } from '@o2c/testing';
import { infraEnv } from '../src/env';
import { findJava } from '../src/java';
import { listServices } from '../src/services';

const cli = join(__dirname, '../src/cli.ts');

describe('infra scripts', () => {
  it('reports every component up, with its address, when the infra runs', async () => {
    const status = spawnProcess(cli, {}, ['status']);
    expect(await status.exited).toBe(0);
    expect(status.output()).toMatch(/postgres up/);
    for (const address of infraEnv.kafkaBrokers.split(','))
      expect(status.output()).toMatch(new RegExp(`kafka\\S*\\s+up\\s+${address}`));
    expect(status.output()).toContain(`registry up  ${infraEnv.registryUrl}`);
    expect(status.output()).toContain(`zipkin   up  ${infraEnv.zipkinUrl}`);
  });

  it('reuses a running infra instead of starting a second one', async () => {
    const up = spawnProcess(cli, {}, ['up']);
    expect(await up.exited).toBe(0);
    expect(up.output()).toMatch(/kafka: already running/);
    expect(up.output()).toMatch(/registry: already running/);
    expect(up.output()).toMatch(/zipkin: already running/);
  });

  it('migrates every service database (db:setup, as npm start does) with O2C_ENV unset', () => {
    const env = { ...process.env };
    delete env.O2C_ENV;
    const run = spawnSync(process.execPath, ['--import', 'tsx', cli, 'db'], {
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/databases: .*o2c_order_intake.* migrated/);
  });

  it('prints usage and exits 2 on an unknown command', async () => {
    const bad = spawnProcess(cli, {}, ['sideways']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toMatch(/usage: infra <command>/);
  });

  it('finds a Java new enough for Kafka, and explains what to install when none is', () => {
    expect(findJava(17)).toMatch(/java$/);
    expect(() => findJava(999)).toThrow(/no Java 999\+ found .*Install a JDK 999\+/s);
  });

  it('lists the seven services with distinct ports and databases', () => {
    const services = listServices();
    expect(services.map((s) => s.name)).toEqual([
      'order-intake',
      'inventory-sync',
      'fulfillment',
      'invoicing',
      'odoo-adapter',
      'webhooks',
      'flow-watch',
    ]);
    expect(new Set(services.map((s) => s.port)).size).toBe(7);
    expect(services.every((s) => s.databaseUrl.endsWith(`/${s.database}`))).toBe(true);
  });
});
