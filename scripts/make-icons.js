#!/usr/bin/env node
// Renders assets/icon.svg to the PNG sizes electron-builder uses (it derives .ico/.icns from them).
const fs = require('node:fs');
const path = require('node:path');
const { Resvg } = require('@resvg/resvg-js');

const assets = path.resolve(__dirname, '..', 'assets');
const svg = fs.readFileSync(path.join(assets, 'icon.svg'));
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
for (const size of [16, 32, 48, 64, 128, 256, 512])
  fs.writeFileSync(path.join(assets, 'icons', `${size}x${size}.png`), render(size));
fs.writeFileSync(path.join(assets, 'icon.png'), render(1024));
process.stderr.write('icons written to assets/icons and assets/icon.png\n');
