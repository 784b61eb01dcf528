import { awsSettings } from './aws'
import { emailSettings } from './email'
import { rdapSettings } from './rdap'
import { servicenowSettings } from './servicenow'
import { slackSettings } from './slack'
import { virustotalSettings } from './virustotal'

/** Every integration's settings, in the order the Settings dialog shows them. */
export const INTEGRATION_SETTINGS = [virustotalSettings, rdapSettings, servicenowSettings, awsSettings, slackSettings, emailSettings] as const

export type IntegrationSettings = (typeof INTEGRATION_SETTINGS)[number]
