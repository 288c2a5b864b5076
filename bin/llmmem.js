#!/usr/bin/env node
import { main, processIo } from '../dist/bundle/main.js';

// llmmem pins its AWS SDK version, so the SDK's notice about future Node.js support is not the user's to act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await main(process.argv.slice(2), processIo());
