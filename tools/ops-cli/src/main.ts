#!/usr/bin/env tsx
console.log("o2c-ops");
