-- Markdown for review and diffs (tillit's gfm output). The Divs around cover and caption
-- paragraphs only carry classes for the HTML stylesheet, and an image size makes pandoc
-- write an <img> tag: both would be raw HTML in the Markdown.

function Div(div)
  return div.content
end

function Image(image)
  image.attributes = {}
  return image
end
