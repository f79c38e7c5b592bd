import { CatalogueError } from '../catalogue/catalogue-error';
import { RegistryError } from '../registry/registry-error';

/** Runs a tool's main; expected failures print one line, anything else its stack. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const expected = error instanceof CatalogueError || error instanceof RegistryError;
      console.error(expected ? `error: ${error.message}` : error);
      process.exitCode = 2;
    },
  );
}
