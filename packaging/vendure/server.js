// SPDX-License-Identifier: GPL-3.0-or-later
// Starts Vendure with its job queue in the same process (one SQLite file, one process).
'use strict';
process.env.VENDURE_DISABLE_TELEMETRY = 'true';
const { bootstrap, JobQueueService } = require('@vendure/core');
const { config } = require('./vendure-config');
bootstrap(config)
    .then(app => app.get(JobQueueService).start())
    .catch(error => { console.error(error); process.exit(1); });
