// SPDX-License-Identifier: GPL-3.0-or-later
// Creates the database: the schema, countries, the tax zone and rates, shipping and payment methods. Offline.
'use strict';
process.env.VENDURE_DISABLE_TELEMETRY = 'true';
const { bootstrapWorker, LanguageCode } = require('@vendure/core');
const { populate } = require('@vendure/core/cli');
const { config } = require('./vendure-config');

const initialData = {
    defaultLanguage: LanguageCode.en,
    defaultZone: 'Europe',
    taxRates: [
        { name: 'Standard Tax', percentage: 19 },
        { name: 'Reduced Tax', percentage: 7 },
        { name: 'Zero Tax', percentage: 0 },
    ],
    shippingMethods: [{ name: 'In-store handover', price: 0 }, { name: 'Standard Shipping', price: 490 }],
    paymentMethods: [
        { name: 'In-store', handler: { code: 'in-store', arguments: [] } },
        { name: 'Online', handler: { code: 'online-demo', arguments: [] } },
    ],
    countries: [
        { name: 'Germany', code: 'DE', zone: 'Europe' },
        { name: 'Austria', code: 'AT', zone: 'Europe' },
    ],
    collections: [],
};

populate(() => bootstrapWorker(config).then(worker => worker.app), initialData)
    .then(app => app.close())
    .then(() => process.exit(0))
    .catch(error => { console.error(error); process.exit(1); });
