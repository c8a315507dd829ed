/** Whether Teams is configured, read from the validated config; a half-configured bot stays off, never open. */
import type { Config } from '../../config.js';

/** Where Bot Framework publishes its signing keys unless configuration says otherwise (the library's channel default). */
export const DEFAULT_OPENID_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** The Teams settings when complete, else the start-up message saying what is missing. */
export type TeamsSettings =
  | { enabled: true; appId: string; password: string; tenantId?: string; openIdMetadataUrl: string }
  | { enabled: false; message: string };

/** Teams runs only with both the app id and its password; without them tokens could not be checked. */
export function teamsSettings(config: Config): TeamsSettings {
  const missing = (['MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD'] as const).filter((key) => !config[key]);
  if (missing.length > 0 || !config.MICROSOFT_APP_ID || !config.MICROSOFT_APP_PASSWORD) {
    return {
      enabled: false,
      message: `Teams channel is disabled: set ${missing.join(' and ')} (Azure Bot resource > Configuration) to enable POST /api/messages`,
    };
  }
  const settings: TeamsSettings = {
    enabled: true,
    appId: config.MICROSOFT_APP_ID,
    password: config.MICROSOFT_APP_PASSWORD,
    openIdMetadataUrl: config.BOT_OPENID_METADATA ?? DEFAULT_OPENID_METADATA,
  };
  if (config.MICROSOFT_APP_TENANT_ID) settings.tenantId = config.MICROSOFT_APP_TENANT_ID;
  return settings;
}
