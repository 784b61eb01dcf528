import { awsSettings } from '../../../../shared/integrations/aws'
import { ec2Commands } from '../../commands/builtin/ec2'
import { createAwsClients, type AwsClients } from '../aws/config'
import { ec2ServiceOver } from '../aws/ec2-service'
import { defineIntegration } from './descriptor'

/** EC2, GuardDuty, CloudWatch and SNS: one set of clients per region (variant), built on first use. */
export const awsIntegration = defineIntegration<AwsClients>({
  service: 'AWS',
  settings: awsSettings,
  // Credentials come from the SDK's default chain, which we cannot see until a call is made.
  isConfigured: () => true,
  createClient({ settings, tuning }, region) {
    const aws = settings.aws
    return createAwsClients(
      { region: region || aws.region, ...(aws.profile ? { profile: aws.profile } : {}), ...(aws.endpoint ? { endpoint: aws.endpoint } : {}) },
      tuning.aws
    )
  },
  closeClient: (clients) => clients.destroy(),
  commands: ({ client }) => ec2Commands((region) => ec2ServiceOver(client(region), undefined))
})
