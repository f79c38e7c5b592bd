import { char, sel } from '../orm/fields';
import { createRecords } from '../orm/write';
import type { Env, ModelDef } from '../orm/types';
import { KNOWN_MODULES } from '../modules';

/** ir.module.module: clients read `state` to find out what a database has installed. */
export function irModuleModels(): ModelDef[] {
  return [
    {
      name: 'ir.module.module',
      description: 'Module',
      order: 'application desc,sequence,name',
      fields: {
        name: char('Technical Name', { required: true, readonly: true }),
        shortdesc: char('Module Name', { readonly: true }),
        state: sel(
          [
            ['uninstallable', 'Uninstallable'],
            ['uninstalled', 'Not Installed'],
            ['installed', 'Installed'],
            ['to upgrade', 'To be upgraded'],
            ['to remove', 'To be removed'],
            ['to install', 'To be installed'],
          ],
          'Status',
          { readonly: true, default: 'uninstalled' },
        ),
        application: { type: 'boolean', string: 'Application', default: false },
        sequence: { type: 'integer', string: 'Sequence', default: 100 },
      },
    },
  ];
}

export function seedModules(env: Env): void {
  createRecords(
    env,
    'ir.module.module',
    KNOWN_MODULES.map((name) => ({
      name,
      shortdesc: name,
      state: env.profile.modules.has(name) ? 'installed' : 'uninstalled',
    })),
  );
}
