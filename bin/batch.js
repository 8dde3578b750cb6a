#!/usr/bin/env node
import '../dist/bin/batch.js';
