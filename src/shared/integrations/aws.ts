import { z } from 'zod'
import { defineSettings, optionalUrl } from './settings-spec'

/** EC2, GuardDuty, CloudWatch and SNS share these; credentials come from the SDK's default chain. */
export const awsSettings = defineSettings({
  section: 'aws',
  title: 'AWS',
  schema: z
    .object({
      region: z.string().trim().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'is not an AWS region such as eu-west-1').default('us-east-1'),
      profile: z.string().trim().max(120).default(''),
      endpoint: optionalUrl.default('')
    })
    .prefault({}),
  fields: [
    { key: 'region', label: 'Region', kind: 'text' },
    { key: 'profile', label: 'Profile', kind: 'text' },
    { key: 'endpoint', label: 'Endpoint override', kind: 'url', hint: 'Usually empty' }
  ],
  secrets: []
})
