-- tillit import, last pass: image paths as Markdown link destinations. pandoc writes them
-- verbatim, and a space or a parenthesis in a file name would end the link early. Tillit
-- decodes %XX again when it reads the Markdown.

function Image(image)
  image.src = image.src:gsub('[^%w%-%._~/\128-\255]', function(c)
    return string.format('%%%02X', c:byte())
  end)
  return image
end
