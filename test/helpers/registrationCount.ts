import * as registrationModule from 'botbuilder-dialogs/lib/dialogsComponentRegistration';

/**
 * Runs `work` while counting the DialogsComponentRegistration objects botbuilder-dialogs builds
 * (one per dialog context, before our patch); `work` may call `restart()` to count from there.
 */
export async function registrationsBuiltBy(work: (restart: () => void) => Promise<void>): Promise<number> {
  const module = registrationModule as { DialogsComponentRegistration: typeof registrationModule.DialogsComponentRegistration };
  const Original = module.DialogsComponentRegistration;
  let built = 0;
  module.DialogsComponentRegistration = class extends Original {
    constructor() {
      super();
      built++;
    }
  };
  try {
    await work(() => {
      built = 0;
    });
    return built;
  } finally {
    module.DialogsComponentRegistration = Original;
  }
}
