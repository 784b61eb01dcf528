import { awsIntegration } from './aws'
import type { IntegrationDescriptor } from './descriptor'
import { emailIntegration } from './email'
import { rdapIntegration } from './rdap'
import { servicenowIntegration } from './servicenow'
import { slackIntegration } from './slack'
import { virustotalIntegration } from './virustotal'

export type { ClientContext, ClientTuning, IntegrationDescriptor } from './descriptor'
export { awsIntegration, emailIntegration, rdapIntegration, servicenowIntegration, slackIntegration, virustotalIntegration }

/** Every outside service, in top bar order. Adding one: its settings in src/shared/integrations, its descriptor here. */
export const INTEGRATIONS: readonly IntegrationDescriptor[] = [
  virustotalIntegration,
  rdapIntegration,
  servicenowIntegration,
  slackIntegration,
  emailIntegration,
  awsIntegration
]
