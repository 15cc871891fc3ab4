/**
 * Save a chart (an inline SVG) as a PNG: the SVG is serialised, drawn onto a canvas at twice its
 * size on a white background, and offered as a download. The image is loaded from a data: URL,
 * which the Content Security Policy allows (img-src 'self' data:), and plain SVG (no
 * foreignObject) keeps the canvas exportable.
 */
export async function saveSvgAsPng(svg: SVGSVGElement, fileName: string, scale = 2): Promise<void> {
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.clientWidth;
  const height = box && box.height > 0 ? box.height : svg.clientHeight;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Text keeps the page's font when it is drawn outside the page.
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  const source = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('图表无法转为图片 / the chart could not be rendered as an image'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('无法创建画布 / no canvas context');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = fileName.replace(/[\\/:*?"<>|]+/g, '_');
  document.body.append(link);
  link.click();
  link.remove();
}
